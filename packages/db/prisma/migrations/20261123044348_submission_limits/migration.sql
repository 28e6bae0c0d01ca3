-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "apiLanguageId" INTEGER,
ADD COLUMN     "cpuLimitMs" INTEGER,
ADD COLUMN     "expectedOutput" TEXT,
ADD COLUMN     "memoryLimitKb" INTEGER;
