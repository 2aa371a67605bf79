"""python-plexapi: MyPlexAccount(token=...), which GETs the class attribute
MyPlexAccount.key (a full https://plex.tv URL) and parses XML; the driver points that
attribute at loopback before each check and shares one requests.Session (keep-alive)."""

import requests
from common import main
from plexapi.myplex import MyPlexAccount


def setup(token):
    session = requests.Session()

    def check(url):
        MyPlexAccount.key = f"{url}/user"
        return MyPlexAccount(token=token, session=session).username

    return check


main(setup)
