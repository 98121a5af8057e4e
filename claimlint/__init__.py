"""claimlint: lint health articles for uncited claims, bad DOIs and missing supplement disclaimers."""

__version__ = "0.1.0"
# The project's home: docs links (checks/base.py DOCS_BASE_URL) and SARIF's informationUri.
REPOSITORY_URL = "https://github.com/OWNER/claimlint"
