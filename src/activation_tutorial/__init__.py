"""活性化関数 / Activation Functions: the code behind every figure, table and number of the site."""
