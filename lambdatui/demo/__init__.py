"""The demo's faithful local account: moto in server mode plus the Lambda behaviours it lacks.

``server.start_local_account`` runs it, ``seed.seed_demo``/``seed.seed_functions`` fill it, and
``runner`` really runs Python handlers on Invoke. Only ``lambdatui --demo`` and the tests use
this package; the AWS layer never imports it. Nothing is imported here, so importing the package
does not pull in moto.
"""
