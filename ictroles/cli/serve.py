"""The ``ictroles serve`` command: the role designer in the browser."""

from __future__ import annotations

from pathlib import Path

import click

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command("serve", short_help="Design a post in the browser (no YAML needed).")
@click.argument("folder", required=False, default=".",
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True,
              help="Port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on. Anything but this computer lets others on the network edit the files.")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
def serve_cmd(folder: Path, port: int, host: str, no_browser: bool) -> None:
    """Open the role designer: a page where you build a post's job description, person
    specification and advert by choosing from lists, with a live preview.

    FOLDER (default: the current folder) holds the role files; the page opens, changes and
    saves them, so `ictroles build` works on the same files. Stop it with Ctrl-C.

    \b
    Example:
      ictroles serve
    """
    import webbrowser

    from werkzeug.serving import make_server

    from ictroles.designer.app import create_app

    if host not in LOOPBACK:
        click.echo(f"Warning: serving on {host}: anyone who can reach this computer on the network can "
                   "read and change the role files in this folder. The designer has no accounts.", err=True)
    app = create_app(folder, host=host, port=port)
    try:
        _check_free(host, port)  # werkzeug would print its own advice and exit
        server = make_server(host, port, app, threaded=True)
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {host}:{port} ({exc.strerror or exc}); "
                                   "is the designer already running? Try --port 8766") from None
    shown_host = f"[{host}]" if ":" in host else host
    address = f"http://{shown_host}:{port}/"
    click.echo(f"The ictroles designer is at {address} (role files in {folder.resolve()}). Press Ctrl-C to stop.")
    if not no_browser:
        webbrowser.open(address)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()


def _check_free(host: str, port: int) -> None:
    """Raise OSError when ``host:port`` cannot be listened on."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, port))
