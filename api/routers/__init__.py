"""One router per resource; ``api.app.ROUTERS`` lists which are mounted."""
