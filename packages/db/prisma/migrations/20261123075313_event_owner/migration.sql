-- AlterTable
ALTER TABLE "SeasonalEvent" ADD COLUMN     "createdById" UUID;

-- AddForeignKey
ALTER TABLE "SeasonalEvent" ADD CONSTRAINT "SeasonalEvent_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
