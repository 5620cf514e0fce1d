-- AlterTable
ALTER TABLE "workspaces" DROP COLUMN "posting_slots",
DROP COLUMN "slots_time_zone";
