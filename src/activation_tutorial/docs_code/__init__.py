"""The Python code blocks of the pages: finding them, and running them to draw figures."""
