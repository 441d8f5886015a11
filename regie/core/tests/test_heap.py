import gc
import importlib


def test_a_started_worker_keeps_its_objects_out_of_full_collections():
    gc.unfreeze()
    try:
        importlib.reload(importlib.import_module("regie.wsgi"))
        assert gc.get_freeze_count() > 10_000  # Django and the apps, not a handful
    finally:
        gc.unfreeze()
