"""Gunicorn settings of Resultaat (`make serve`, the systemd unit in deploy/). See docs/productie.md.

Sync workers: each request holds one database connection, the app does no long polling. Two to four
workers per core; requests that take longer than `timeout` (a large settlement run's PDF) are better
run as a command.
"""

import multiprocessing

wsgi_app = "resultaat.wsgi:application"
bind = "127.0.0.1:8000"
workers = min(2 * multiprocessing.cpu_count() + 1, 8)
worker_class = "sync"
timeout = 120
graceful_timeout = 30
# A worker is replaced after this many requests (plus jitter), which bounds any slow memory growth.
max_requests = 2000
max_requests_jitter = 200
# Access log on stdout without the query string: a URL never carries a BSN (GeenBsnInUrl), but other
# parameters (a name in a search) stay out of the log as well.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# Behind the reverse proxy on the same host only; it sets X-Forwarded-Proto.
forwarded_allow_ips = "127.0.0.1"
