package dev.newsroom.core.render;

/**
 * What the desk's page needs: the site it moderates, and where its staff sign in (a Cognito user
 * pool's domain on AWS, the local sign-in on one machine) with the desk's client.
 */
public record DeskView(String lang, String siteName, String signInUrl, String clientId, String scope) {

    public String scriptPath() {
        return PageRenderer.DESK_SCRIPT.path();
    }

    public String stylePath() {
        return PageRenderer.DESK_STYLE.path();
    }
}
