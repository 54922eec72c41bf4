"""Evidence a stranger can verify (no Qt): the installation's signing key, the signed WACZ
package of an article's captures, the signed PDF report, and `verify` for both.

    key = installation_key()                        # created once, 0600 in the config dir
    package = export_wacz(store, article_id, None, None, out, key, now=utc_now())
    verdict = verify_file(out)                      # what is proven, or what failed
"""
