-- The least work any tool must do to rank a province: one pass over every target, summing each
-- leaf's points × completion (capped at 100%) per unit. No rules beyond that, no trace, no storage.
SELECT t."UnitId",
       SUM(i."Points" * LEAST(COALESCE(t."AuthoritativeActual", t."ReportedActual") / NULLIF(t."Value", 0), 1)) AS points
FROM "Targets" t
JOIN "Indicators" i ON i."Id" = t."IndicatorId"
WHERE t."Year" = 2030
GROUP BY t."UnitId"
ORDER BY points DESC;
