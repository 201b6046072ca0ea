-- AlterEnum
ALTER TYPE "AuditEventType" ADD VALUE 'audit_checkpoint';
