"""Evidence a stranger can verify (no Qt): the installation's signing key, the signed WACZ
package of an article's captures, the signed PDF, and `verify` for both.

    key = installation_key()                       # created once, 0600 in the config dir
    digest = build_wacz(inputs, out, key)          # archive, indexes, pages, texts, diffs…
    result = verify_file(path)                     # what is proven, or what failed
"""
