from core.hookspecs import hookimpl


@hookimpl
def record_created(env, records):
    """Misspelled: the kernel's hook is records_created."""
