"""The Code pane (``c`` in the function view) and the package comparison: what is deployed,
browsed file by file (``pane``, ``tree``, ``viewer``), fetched once into the cache by its hash
(``fetch``), highlighted with pygments (``highlight``) and compared (``diff_screen``)."""
