-- AlterTable
ALTER TABLE "social_posts" ADD COLUMN     "first_comment_error" TEXT,
ADD COLUMN     "first_comment_external_id" TEXT,
ADD COLUMN     "first_comment_status" TEXT;
