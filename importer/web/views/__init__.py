"""One module per page: parse the request, call the workspace, render a German template."""
