"""The reseller console: every staff page, one module per area, on the portal's own host.

Views parse input, check the role and call one service function of a domain app; the
workflows themselves live in those services, which the customer console and the background
tasks call too.
"""
