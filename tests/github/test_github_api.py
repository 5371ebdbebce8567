"""GitHubClient against the loopback fake; every request is checked against GitHub's OpenAPI."""

from __future__ import annotations

import pytest
import requests

from lmgate.github.api import BOT_LOGIN, GitHubClient, GitHubConflict, GitHubNotFound, GitHubPermissionError


def client(github, token: str, sleeps: list[float] | None = None) -> GitHubClient:
    return GitHubClient(requests.Session(), api_url=github.url, token=token, repository="acme/app",
                        sleep=(sleeps.append if sleeps is not None else lambda s: None), clock=lambda: 1000.0)


def test_whoami_user_token_and_github_token(github):
    assert client(github, github.add_token("pat", "octocat")).whoami() == "octocat"
    assert client(github, github.add_token("ghs", BOT_LOGIN, app=True)).whoami() == BOT_LOGIN


def test_comments_follow_link_pagination_past_100(github):
    gh = client(github, github.add_token("t", "octocat"))
    for i in range(250):
        github.add_comment(7, "someone", f"comment {i}")
    bodies = [c["body"] for c in gh.list_issue_comments("acme/app", 7)]
    assert bodies == [f"comment {i}" for i in range(250)]
    pages = [p for m, p in github.requests if m == "GET" and "/comments" in p]
    assert len(pages) == 3 and "page=3" in pages[-1]


def test_create_and_update_comment_keep_author(github):
    gh = client(github, github.add_token("t", "octocat"))
    created = gh.create_issue_comment("acme/app", 3, "hello")
    gh.update_issue_comment("acme/app", created["id"], "hello again")
    assert [(c["body"], c["user"]["login"]) for c in github.issue_comments(3)] == [("hello again", "octocat")]


def test_5xx_and_secondary_rate_limit_are_retried_with_the_asked_wait(github):
    sleeps: list[float] = []
    gh = client(github, github.add_token("t", "octocat"), sleeps)
    github.fail_next("GET", "/comments", 502)
    github.fail_next("GET", "/comments", 403, headers={"Retry-After": "7"},
                     message="You have exceeded a secondary rate limit")
    github.fail_next("GET", "/comments", 403, headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1010"},
                     message="API rate limit exceeded")
    assert list(gh.list_issue_comments("acme/app", 1)) == []
    assert sleeps == [1.0, 7.0, 11.0]


def test_5xx_on_post_is_not_blindly_retried(github):
    gh = client(github, github.add_token("t", "octocat"))
    github.fail_next("POST", "/comments", 502, apply=True)
    with pytest.raises(Exception) as info:
        gh.create_issue_comment("acme/app", 1, "x")
    assert getattr(info.value, "status", None) == 502
    assert len(github.issue_comments(1)) == 1  # applied once, never twice


def test_read_only_token_names_the_missing_permission(github):
    gh = client(github, github.add_token("ro", BOT_LOGIN, {"issues": "read", "pull_requests": "read"}, app=True))
    with pytest.raises(GitHubPermissionError) as info:
        gh.create_issue_comment("acme/app", 1, "x")
    err = info.value
    assert err.status == 403 and err.permission == "issues=write; pull_requests=write"
    assert "`issues: write` or `pull-requests: write`" in err.fix


def test_deployments_and_statuses(github):
    gh = client(github, github.add_token("t", "octocat"))
    dep = gh.create_deployment("main", "production", "canary 10%", {"weight": 10})
    status = gh.create_deployment_status(dep, "in_progress", "x" * 300, log_url="https://example.com/run/1")
    assert github.deployments[0]["auto_merge"] is False and github.deployments[0]["required_contexts"] == []
    assert github.deployments[0]["payload"] == {"weight": 10}
    saved = github.statuses[dep][0]
    assert saved["id"] == status and len(saved["description"]) == 140 and saved["state"] == "in_progress"


def test_contents_compare_and_swap(github):
    gh = client(github, github.add_token("t", "octocat"))
    with pytest.raises(GitHubNotFound):
        gh.get_contents(".lmgate/canary/state.json")
    sha1 = gh.put_contents(".lmgate/canary/state.json", '{"weight": 10}', sha=None, message="start")
    assert gh.get_contents(".lmgate/canary/state.json") == ('{"weight": 10}', sha1)
    sha2 = gh.put_contents(".lmgate/canary/state.json", '{"weight": 50}', sha=sha1, message="advance", branch="main")
    assert sha2 != sha1
    with pytest.raises(GitHubConflict) as info:  # a second writer still holding sha1 loses the race
        gh.put_contents(".lmgate/canary/state.json", '{"weight": 0}', sha=sha1, message="rollback")
    assert info.value.status == 409
    assert github.files[".lmgate/canary/state.json"][0] == '{"weight": 50}'


def test_pagination_never_sends_the_token_to_another_host(github):
    from lmgate.errors import GitHubError

    github.add_token("t", "octocat")
    for i in range(3):
        github.add_comment(9, "x", str(i))
    # api_url differs from where the fake's Link header points, as a hostile `next` link would
    gh = GitHubClient(requests.Session(), api_url=github.url + "/elsewhere", token="t")
    pages = gh.paginate(f"{github.url}/repos/acme/app/issues/9/comments", per_page=1)
    assert next(pages)["body"] == "0"
    with pytest.raises(GitHubError, match="leaves"):
        next(pages)
