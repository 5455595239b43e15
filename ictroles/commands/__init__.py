"""One module per group of commands; ictroles.cli registers them lazily."""
