"""The customer console's views, one module per area. Every queryset starts from
``request.customer``, which the console middleware resolved from the brand and the login."""
