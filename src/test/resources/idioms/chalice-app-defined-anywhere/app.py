# chalice imports app.py and looks up "app": here it is re-exported from chalicelib.
from chalicelib.main import *  # noqa: F401,F403
