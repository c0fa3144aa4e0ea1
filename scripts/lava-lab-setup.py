# Run by scripts/lava-lab.sh inside `lava-server manage shell`: the lab's user, API token,
# worker, `qemu` device type and device, each created only when absent (so `up` can be repeated).
# Prints "api_token=..." and "worker_token=..." for the script. Names come from the environment.
import os

from django.contrib.auth.models import User
from lava_scheduler_app.models import Device, DeviceType, Worker
from linaro_django_xmlrpc.models import AuthToken

env = os.environ
user, created = User.objects.get_or_create(username=env["LAB_USER"])
if created:
    user.is_superuser = user.is_staff = True
    user.set_unusable_password()  # API tokens only
    user.save()
token = AuthToken.objects.filter(user=user, description="s2bench lab").first()
if token is None:
    token = AuthToken.objects.create(user=user, description="s2bench lab")

worker, _ = Worker.objects.get_or_create(
    hostname=env["LAB_WORKER"], defaults={"health": Worker.HEALTH_ACTIVE}
)
dt, _ = DeviceType.objects.get_or_create(name=env["LAB_DEVICE_TYPE"])
device, created = Device.objects.get_or_create(
    hostname=env["LAB_DEVICE"],
    defaults={
        "device_type": dt,
        "worker_host": worker,
        "state": Device.STATE_IDLE,
        "health": Device.HEALTH_GOOD,
    },
)
if not created and device.health != Device.HEALTH_GOOD:  # a test may have left it in maintenance
    device.health = Device.HEALTH_GOOD
    device.save()
print("api_token=%s" % token.secret)
print("worker_token=%s" % worker.token)
