import Testing
@testable import GymProxy

struct AccuracyTests {
    @Test func perfectPredictions_scoreZeroErrorAndPerfectRank() {
        let a = Accuracy(measured: [1, 2, 3, 4], predicted: [1, 2, 3, 4])
        #expect(a.rmse == 0 && a.relativeRMSEPercent == 0 && a.mapePercent == 0 && a.r2 == 1 && a.kendallTau == 1)
    }

    @Test func knownErrors_giveTheTextbookFigures() {
        // Errors +1, -1 on a mean of 10: RMSE 1, 10 %, MAPE (1/8 + 1/12) / 2.
        let a = Accuracy(measured: [8, 12], predicted: [9, 11])
        #expect(abs(a.rmse - 1) < 1e-12)
        #expect(abs(a.relativeRMSEPercent - 10) < 1e-12)
        #expect(abs(a.mapePercent - 100 * (1.0 / 8 + 1.0 / 12) / 2) < 1e-12)
        #expect(abs(a.r2 - (1 - 2.0 / 8)) < 1e-12)
    }

    @Test func reversedRanking_givesTauMinusOne_andTiesAreCorrected() {
        #expect(Accuracy(measured: [1, 2, 3], predicted: [3, 2, 1]).kendallTau == -1)
        // x has no ties, y ties one pair: tau-b = (2 - 0) / sqrt(3 * 2).
        let tau = Accuracy.kendallTauB([1, 2, 3], [1, 2, 2])
        #expect(abs(tau - 2 / 6.0.squareRoot()) < 1e-12)
    }
}

struct TargetTransformTests {
    @Test func automatic_logsOnlyPositiveTargetsSpanningTwoDecades() {
        #expect(TargetTransform.automatic(for: [1, 50, 100]) == .log)
        #expect(TargetTransform.automatic(for: [1, 50, 99]) == .none)
        #expect(TargetTransform.automatic(for: [0, 1000]) == .none)
        #expect(abs(TargetTransform.log.inverse(TargetTransform.log.forward(123.5)) - 123.5) < 1e-9)
    }
}
