"""督办: a supervisor's directive to a unit of its region about work that ran late
(an overdue application, an overdue answer to a review or lawsuit, a late catalogue
item, an annual report not published by its deadline), the unit's answer, and its
closing."""
