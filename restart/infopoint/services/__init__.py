"""Every write of the information point: `booking` (the public side and referral offers) and
`records` (the staff side: availability, consultation records, walk-ins, referrals, topics)."""
