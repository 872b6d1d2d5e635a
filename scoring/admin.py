"""Admin registrations of this app arrive with its issue."""
