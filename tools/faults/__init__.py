"""`make faults`: what the site does when PostgreSQL, the mail server or a worker fails.

Serves the site the production way (gunicorn, DEBUG off, PostgreSQL, Redis,
the tasks worker `manage.py run_worker`, SMTP to an aiosmtpd sink run inside
this script on loopback) from a database of its own, drives it with a bounded
mixed load (page views, routine edits, newsletter signups with unique
addresses, each signup from its own loopback source address), and injects
three faults in turn:

1. PostgreSQL is stopped for a few seconds, then started again;
2. the SMTP sink is stopped for a minute;
3. a gunicorn worker, then the tasks worker in the middle of sending an
   e-mail, are killed with SIGKILL; the tasks worker is started again;
4. a newsletter issue is sent to 500 subscribers: the tasks worker is
   killed in the middle of it, and the SMTP sink stopped for a minute.

Then it checks the database and the sink: every signup and routine edit that
got a success response is stored; every accepted signup's confirmation e-mail
reached the sink exactly once (counted by Message-ID and recipient), and so
did the issue for every one of its subscribers. It prints
one table; zero lost is the only pass (exit code 1 otherwise).

Stopping PostgreSQL stops every database on that server: run it on a machine
of your own, as root (or as the postgres user).
"""
