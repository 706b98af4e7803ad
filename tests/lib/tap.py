"""tap.py: TAP lines from the tests' Python checks (the shell side is
tap.sh)."""


def tap(ok, name, *why):
    """Print "ok - NAME" or "not ok - NAME", then, when not ok, each
    non-empty why as a diagnostic line (cut at 2,000 characters).
    Returns ok."""
    print(("ok - " if ok else "not ok - ") + name)
    if not ok:
        for w in why:
            if str(w) != "":
                print("#   " + str(w)[:2000])
    return ok
