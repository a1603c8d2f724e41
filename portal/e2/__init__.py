"""The e2 layer: the only code that knows the vendor's URLs, headers and JSON shapes."""
