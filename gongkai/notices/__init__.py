"""Notices to the applicant by e-mail and SMS at each step of an application."""
