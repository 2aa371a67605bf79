"""Runs a Python driver: `bench URL TOKEN N` (N checks; N = 0: set up only) or
`drift TOKEN URL...` (one check per URL, one line each: ok<TAB>username or fail<TAB>the
error's first line). `setup(token)` returns `check(url)`, which returns the username."""

import sys


def describe(e):
    """The error's type and first line, plus the first failing field when a validator says."""
    text = f"{type(e).__name__}: {(str(e) or '-').splitlines()[0]}"
    errors = getattr(e.__cause__, "errors", None)
    if callable(errors) and errors():
        first = errors()[0]
        text += f" (at {'.'.join(map(str, first['loc']))}: {first['msg']})"
    return text


def main(setup):
    mode, *args = sys.argv[1:] or [""]
    if mode == "bench":
        url, token, n = args
        check = setup(token)
        for _ in range(int(n)):
            check(url)
    elif mode == "drift":
        token, *urls = args
        check = setup(token)
        for url in urls:
            try:
                print(f"ok\t{check(url)}")
            except Exception as e:  # every failure is a result here
                print(f"fail\t{describe(e)}")
    else:
        sys.exit("usage: DRIVER bench URL TOKEN N | DRIVER drift TOKEN URL...")
