"""The yearly statistics forms 0601–0605.N/BNV-TĐKT for an organisation's subtree: computed, shown, .xlsx and PDF."""
