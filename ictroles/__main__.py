"""``python -m ictroles`` runs the command line."""

from .cli import main

main()
