"""The public pages (no login, rate-limited, nothing private): open disclosures with moderated public comments,
the rankings and decisions of organisations that choose to publish them, the certificate lookup; and the officers'
pages that moderate the comments and make the choice."""
