"""The "evaluate it yourself" experiment: many seeds, every activation, fixed budgets."""
