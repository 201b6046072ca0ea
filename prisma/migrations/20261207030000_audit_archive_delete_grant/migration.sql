-- audit_archive_delete() is the one way rows leave audit_log (it runs with the owner's rights and removes only
-- a recorded, hash-checked oldest range). Functions are executable by PUBLIC by default: only the
-- application role, which runs retention, may call it; another role on the same server may not.
REVOKE ALL ON FUNCTION audit_archive_delete(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_archive_delete(bigint) TO spendsense_app;
