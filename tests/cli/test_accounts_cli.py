from marketplace.accounts import services


def test_create_user_member_and_official(runner, db, make):
    org = make.org(ref="org-cli")
    result = runner.invoke(
        args=["create-user", "m@cli.test", "--role", "member", "--org", "org-cli", "--password-stdin"],
        input="Long-enough-9\n",
    )
    assert result.exit_code == 0, result.output
    user = services.find_user(db, "m@cli.test")
    assert user.org_id == org.id and user.check_password("Long-enough-9")
    result = runner.invoke(
        args=["create-user", "o@cli.test", "--role", "official", "--password-stdin"], input="Long-enough-9\n"
    )
    assert result.exit_code == 0 and services.find_user(db, "o@cli.test").role == "official"


def test_create_user_refuses_weak_password_unknown_org_and_duplicates(runner, db, make):
    make.org(ref="org-cli2")
    weak = runner.invoke(
        args=["create-user", "w@cli.test", "--role", "member", "--org", "org-cli2", "--password-stdin"],
        input="password\n",
    )
    assert weak.exit_code != 0 and services.find_user(db, "w@cli.test") is None
    no_org = runner.invoke(
        args=["create-user", "x@cli.test", "--role", "member", "--org", "nope", "--password-stdin"],
        input="Long-enough-9\n",
    )
    assert no_org.exit_code != 0
    runner.invoke(
        args=["create-user", "d@cli.test", "--role", "admin", "--password-stdin"], input="Long-enough-9\n"
    )
    dup = runner.invoke(
        args=["create-user", "D@cli.test", "--role", "admin", "--password-stdin"], input="Long-enough-9\n"
    )
    assert dup.exit_code != 0


def test_issue_token_prints_a_token_stored_hashed(runner, db, make):
    user = make.official(email="tok@cli.test")
    result = runner.invoke(args=["issue-token", "tok@cli.test"])
    assert result.exit_code == 0
    raw = result.output.strip()
    assert services.user_for_token(db, raw).id == user.id
    assert all(t.token_hash != raw and raw not in t.token_hash for t in user.tokens)
    assert runner.invoke(args=["issue-token", "nobody@cli.test"]).exit_code != 0
