"""Community Advisor (Asesor Comunitario): offline-first registry, plans and agreements."""

__version__ = "0.1.0"
APP_NAME = "advisor-app"
APP_AUTHOR = "CommunityAdvisor"
