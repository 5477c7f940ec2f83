"""amt24-importer: bulk import of Mandant data into the Amt24 AdminCenter."""

__version__ = "0.1.0"
