"""The home page: the day's figures and charts."""
