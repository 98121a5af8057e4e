"""claimlint: lint health articles for uncited claims, bad DOIs and missing supplement disclaimers."""

__version__ = "0.1.0"
