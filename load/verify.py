"""Every write the load run made is in the database exactly once."""

import json
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings.base")
import django

django.setup()

from regie.actions.models import ProgressNote  # noqa: E402

result = json.loads(Path(sys.argv[1]).read_text())
markers = result["writes"]
stored = Counter(
    ProgressNote.objects.filter(text__startswith="load-").values_list("text", flat=True)
)
missing = [m for m in markers if stored[m] == 0]
doubled = [m for m, n in stored.items() if n > 1]
print(
    f"writes acknowledged: {len(markers)}, stored: {sum(stored.values())}, "
    f"missing: {len(missing)}, duplicated: {len(doubled)}"
)
sys.exit(1 if missing or doubled or len(stored) != len(markers) else 0)
