"""``python -m ictroles`` runs the command line."""

from ictroles.cli import main

main()
