-- A meter read a person entered for a device that did not report one waits for review as ESTIMATED.
ALTER TYPE "MeterReadReviewReason" ADD VALUE 'ESTIMATED';
