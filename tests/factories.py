"""factory_boy factories, one per model, no hidden side effects beyond the tree path."""

import factory
from django.contrib.auth import get_user_model

from organizations import services
from organizations.enums import BlocKind, BlocRole, Gender, OrganizationKind, Role
from organizations.models import BlocMember, EmulationBloc, Membership, Organization, Person

PASSWORD = "Mật-khẩu-thử-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.vn")
    password = factory.django.Password(PASSWORD)


class OrganizationFactory(factory.django.DjangoModelFactory):
    """Goes through ``organization_create`` so the tree path is always right."""

    class Meta:
        model = Organization

    code = factory.Sequence(lambda n: f"ORG{n:04d}")
    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    short_name = ""
    kind = OrganizationKind.UNIT
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.organization_create(**kwargs)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    code = factory.Sequence(lambda n: f"CB{n:05d}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    position = "Chuyên viên"
    organization = factory.SubFactory(OrganizationFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.OFFICER


class EmulationBlocFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmulationBloc

    code = factory.Sequence(lambda n: f"KHOI{n}")
    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    kind = BlocKind.BLOC
    year = 2020
    organizer = factory.SubFactory(OrganizationFactory)


class BlocMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlocMember

    bloc = factory.SubFactory(EmulationBlocFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = BlocRole.MEMBER
