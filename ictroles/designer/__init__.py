"""The role designer (`ictroles serve`): a local web page over a folder of role files."""
