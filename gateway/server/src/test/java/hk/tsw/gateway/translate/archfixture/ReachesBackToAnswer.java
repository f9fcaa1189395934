package hk.tsw.gateway.translate.archfixture;

import hk.tsw.gateway.answer.Acknowledgements;

/** TEST FIXTURE, never in the product: a translate class that imports the answer stage (StageDependenciesTest). */
public final class ReachesBackToAnswer {

    private final Acknowledgements answers;

    public ReachesBackToAnswer(Acknowledgements answers) {
        this.answers = answers;
    }

    public Acknowledgements answers() {
        return answers;
    }
}
