"""The local web page `amt24-import oberflaeche`: the CLI's steps for people without a terminal.

A Flask app served by waitress on 127.0.0.1 only (docs/oberflaeche.md). Each page calls one
library function, as the CLI does; long work (label check, plan, run) runs in one background
job that the pages follow by polling.
"""
