-- AlterEnum
ALTER TYPE "AuditEventType" ADD VALUE 'logout';
